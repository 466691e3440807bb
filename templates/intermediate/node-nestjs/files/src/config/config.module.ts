/** The validated settings (src/config/config.ts) as a Nest provider, CONFIG. */

import { Global, Module, type DynamicModule } from "@nestjs/common";

import type { Config } from "./config";

/** The injection token of the Config. */
export const CONFIG = Symbol("CONFIG");

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
