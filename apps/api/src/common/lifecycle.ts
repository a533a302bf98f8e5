import { BeforeApplicationShutdown, Global, Injectable, Module } from '@nestjs/common';

/**
 * Where this process is in its life: once it starts shutting down it is `draining` (readiness
 * answers 503 so a load balancer stops sending it work) while in-flight work finishes.
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  draining = false;

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}

@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}
