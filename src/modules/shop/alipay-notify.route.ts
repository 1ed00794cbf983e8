import express, { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../infra/index.js';
import type { NotifyAnswer, PaymentService } from './payment.service.js';

/**
 * `POST /payments/alipay/notify`: Alipay's asynchronous payment notification
 * (form-encoded, RSA2-signed). Answers `success` (applied, or already applied)
 * or `failure` (Alipay retries later) as plain text.
 */
export function alipayNotifyRouter(payments: PaymentService, orm: MikroORM, log: Logger): Router {
  const router = Router();
  router.post(
    '/payments/alipay/notify',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }),
    async (req, res) => {
      let answer: NotifyAnswer = 'failure';
      const body = (req.body ?? {}) as Record<string, unknown>;
      const params = Object.fromEntries(
        Object.entries(body).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
      const wellFormed =
        Object.keys(params).length === Object.keys(body).length &&
        Object.values(params).every((v) => !v.includes('\u0000'));
      if (wellFormed && params.sign) {
        try {
          answer = await payments.notify(orm.em.fork(), params);
        } catch (err) {
          log.error(
            {
              reqId: res.locals.requestId as string,
              outTradeNo: params.out_trade_no,
              err: { message: (err as Error).message },
            },
            'alipay notification failed',
          );
        }
      }
      res.status(200).type('text/plain').set('cache-control', 'no-store').send(answer);
    },
  );
  return router;
}
