import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';

/** GET /api/me/agenda: the home page's "what is needed from me". */
@Module({
  imports: [ActionsModule],
  controllers: [AgendaController],
  providers: [AgendaService],
})
export class AgendaModule {}
