import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UnitsModule } from '../units/units.module';
import { SmsDrillController } from './sms-drill.controller';
import { SmsOutboxModule } from './sms-outbox.module';
import { SMS_PROVIDER } from './sms-provider';
import { SmsSender } from './sms-sender';
import { TencentSmsProvider } from './tencent-sms.provider';

/** Sending the SMS outbox through the configured provider (none: messages stay pending). */
@Module({})
export class SmsModule {
  static forRoot(options: { simulatedClock: boolean }): DynamicModule {
    return {
      module: SmsModule,
      imports: [SmsOutboxModule, UnitsModule],
      controllers: options.simulatedClock ? [SmsDrillController] : [],
      providers: [
        SmsSender,
        {
          provide: SMS_PROVIDER,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            config.sms ? new TencentSmsProvider(config.sms) : null,
        },
      ],
    };
  }
}
