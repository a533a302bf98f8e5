import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@api/auth/auth.module';
import { OrganisationRoleGuard } from '@api/common/organisation-role.guard';
import { EvaluationModule } from '@api/evaluation/evaluation.module';
import { InvitationsModule } from '@api/invitations/invitations.module';
import { FacilitatorPoolService } from './facilitator-pool.service';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';
import { ORGANISATION_ENTITIES } from './organisation.entities';
import { OrganisationInvitationsController } from './organisation-invitations.controller';
import { OrganisationAssetsController } from './organisation-assets.controller';
import { DomainTxtResolver } from './domain-txt-resolver';
import { OrganisationDomainsService } from './organisation-domains.service';
import { OrganisationLogosService } from './organisation-logos.service';
import { OrganisationPeopleService } from './organisation-people.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), AuthModule, EvaluationModule, InvitationsModule],
  controllers: [OrganisationsController, OrganisationInvitationsController, ProgrammesController, OrganisationAssetsController],
  providers: [OrganisationsService, OrganisationPeopleService, ProgrammesService, FacilitatorPoolService, OrganisationRoleGuard, OrganisationDomainsService, OrganisationLogosService, DomainTxtResolver],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
