/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaro } from '../../test/taro-mock';
import { tap } from '../../test/factories';
import {
  queueStaffRequest,
  sendStaffQueued,
  staffOutboxState,
  type StaffRequest,
} from '../services/staff-outbox';
import { StaffOutboxCard } from './staff-outbox-card';

const taro = Taro as unknown as Record<string, jest.Mock>;

const aSign = (key: string, orderId: string): StaffRequest => ({
  idempotencyKey: key,
  method: 'POST',
  path: `/orders/${orderId}/sign`,
  body: {},
  label: '签收工单',
  page: `/staff/order/index?id=${orderId}`,
});

let network: 'down' | 'up' | 'refusing';

describe('StaffOutboxCard', () => {
  beforeEach(async () => {
    await sendStaffQueued();
    resetTaro();
    network = 'down';
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', { id: 'u1', roles: ['handler'], unitId: 'unit-town' });
    taro.request.mockImplementation(async () => {
      if (network === 'down') throw new Error('request:fail');
      if (network === 'refusing') {
        return {
          statusCode: 409,
          header: {},
          data: { code: 'CONFLICT', message: '这张工单已被改派到其他单位' },
        };
      }
      return { statusCode: 200, header: {}, data: { id: 'order-1' } };
    });
  });

  afterEach(async () => {
    network = 'up';
    await sendStaffQueued();
  });

  it('shows nothing while nothing waits', () => {
    const { container } = render(<StaffOutboxCard />);
    expect(container.textContent).toBe('');
  });

  it('says how many wait and what, never whom, and sends at once on 立即发送', async () => {
    const { container } = render(<StaffOutboxCard />);
    await act(async () => {
      queueStaffRequest(aSign('key-1', 'order-1'));
      queueStaffRequest(aSign('key-2', 'order-2'));
      await sendStaffQueued();
    });

    expect(container.querySelector('.section-title')?.textContent).toBe(
      '2 项等待网络，恢复后自动发送',
    );
    expect(container.querySelectorAll('.staff-outbox-item')).toHaveLength(2);
    expect(container.textContent).toContain('签收工单');

    network = 'up';
    await tap(container.querySelector('.staff-outbox-send')!);
    await act(async () => {
      await sendStaffQueued();
    });

    expect(staffOutboxState().queued).toEqual([]);
    expect(container.textContent).toBe('');
  });

  it('shows a refusal in the server’s words with the way back to the page, until seen', async () => {
    network = 'refusing';
    const { container } = render(<StaffOutboxCard />);
    await act(async () => {
      queueStaffRequest(aSign('key-1', 'order-1'));
      queueStaffRequest(aSign('key-2', 'order-2'));
      await sendStaffQueued();
    });

    const refused = container.querySelectorAll('.staff-outbox-refused');
    expect(refused).toHaveLength(2);
    expect(refused[0].textContent).toContain('签收工单没有发送成功：');
    expect(refused[0].textContent).toContain('这张工单已被改派到其他单位');

    await tap(refused[0].querySelector('.staff-outbox-open')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/order/index?id=order-1' });
    await tap(screen.getByText('知道了'));
    expect(container.querySelector('.staff-outbox-refused')).toBeNull();
  });
});
