import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@api/auth/auth.module';
import { OrganisationRoleGuard } from '@api/common/organisation-role.guard';
import { AppConfig } from '@api/config/app-config';
import { OrganisationMembershipEntity } from '@api/organisations/organisation.entities';
import { OrganisationSsoController } from './organisation-sso.controller';
import { OrganisationSsoService } from './organisation-sso.service';
import { SsoController } from './sso.controller';
import { SsoSecrets } from './sso-secrets';
import { SsoService } from './sso.service';

@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([OrganisationMembershipEntity])],
  controllers: [SsoController, OrganisationSsoController],
  providers: [SsoService, OrganisationSsoService, OrganisationRoleGuard, { provide: SsoSecrets, useFactory: (config: AppConfig) => new SsoSecrets(config.ssoSecretKeys), inject: [AppConfig] }],
})
export class SsoModule {}
