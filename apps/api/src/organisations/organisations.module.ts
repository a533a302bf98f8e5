import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@api/auth/auth.module';
import { OrganisationRoleGuard } from '@api/common/organisation-role.guard';
import { EvaluationModule } from '@api/evaluation/evaluation.module';
import { ORGANISATION_ENTITIES } from './organisation.entities';
import { OrganisationInvitationsController } from './organisation-invitations.controller';
import { OrganisationPeopleService } from './organisation-people.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), AuthModule, EvaluationModule],
  controllers: [OrganisationsController, OrganisationInvitationsController],
  providers: [OrganisationsService, OrganisationPeopleService, OrganisationRoleGuard],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
