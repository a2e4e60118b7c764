/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { tap } from '../../test/factories';
import { resetTaro } from '../../test/taro-mock';
import { INBOX_TABS } from './inbox-logic';
import { OrderList } from './order-list';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return { ...mock, __esModule: true, useReachBottom: () => undefined };
});

const taro = Taro as unknown as Record<string, jest.Mock>;
const TEMPLATE = 'tmpl-new-order';
const BUTTON = '接收新工单通知';

function signedInAs(roles: string[]) {
  Taro.setStorageSync('shouhu.token', 'token-1');
  Taro.setStorageSync('shouhu.user', { id: 'user-1', roles, unitId: 'unit-1' });
}

const renderInbox = () => render(<OrderList tabs={INBOX_TABS} empty="没有工单" />);

describe('OrderList: new-order messages in WeChat', () => {
  const posted: unknown[] = [];
  let newOrder: string | null;
  beforeEach(() => {
    resetTaro();
    posted.length = 0;
    newOrder = TEMPLATE;
    process.env.TARO_ENV = 'weapp';
    signedInAs(['reporter', 'handler']);
    taro.request.mockImplementation(async (options: { url: string; data?: unknown }) => {
      if (options.url.endsWith('/notifications/templates')) {
        const templates = { accepted: null, progress: null, closed: null, newOrder };
        return { statusCode: 200, header: {}, data: templates };
      }
      posted.push({ url: options.url, data: options.data });
      return { statusCode: 201, header: {}, data: { remaining: posted.length } };
    });
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('asks WeChat for one message on each tap and tells the server of each acceptance', async () => {
    taro.requestSubscribeMessage = jest.fn(async () => ({
      [TEMPLATE]: 'accept',
      errMsg: 'requestSubscribeMessage:ok',
    }));
    renderInbox();

    await tap(await screen.findByText(BUTTON));
    await screen.findByText(/接下来 1 件新工单会用微信通知您/);
    await tap(await screen.findByText(BUTTON));
    await screen.findByText(/接下来 2 件新工单会用微信通知您/);

    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(2);
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({
      tmplIds: [TEMPLATE],
      entityIds: [],
    });
    const subscription = {
      url: expect.stringMatching(/\/notifications\/new-orders\/subscriptions$/),
      data: {},
    };
    expect(posted).toEqual([subscription, subscription]);
  });

  it('explains that each tap allows one message', async () => {
    renderInbox();

    await screen.findByText(BUTTON);
    expect(screen.getByText('新工单通知')).toBeTruthy();
    expect(screen.getByText(/点一次只能收一条通知/)).toBeTruthy();
  });

  it('tells the server nothing when the handler declines', async () => {
    taro.requestSubscribeMessage = jest.fn(async () => ({ [TEMPLATE]: 'reject' }));
    renderInbox();

    await tap(await screen.findByText(BUTTON));

    await screen.findByText(/您没有同意接收通知/);
    expect(posted).toEqual([]);
  });

  it('says so in place when WeChat refuses to ask', async () => {
    taro.requestSubscribeMessage = jest.fn(async () => {
      throw new Error('requestSubscribeMessage:fail');
    });
    renderInbox();

    await tap(await screen.findByText(BUTTON));

    await screen.findByText(/开启没有成功，请稍后再试/);
    expect(posted).toEqual([]);
  });

  it('offers nothing when the server has no new-order template', async () => {
    newOrder = null;
    renderInbox();

    await waitFor(() => expect(taro.request).toHaveBeenCalled());
    await screen.findByText('待签收');
    expect(screen.queryByText(BUTTON)).toBeNull();
  });

  it('offers nothing to a coordinator, who is not told of new orders', async () => {
    signedInAs(['reporter', 'coordinator']);
    renderInbox();

    await screen.findByText('待签收');
    expect(screen.queryByText(BUTTON)).toBeNull();
    expect(taro.request).not.toHaveBeenCalled();
  });

  it('offers nothing outside WeChat and does not ask the server', async () => {
    process.env.TARO_ENV = 'h5';
    renderInbox();

    await screen.findByText('待签收');
    expect(screen.queryByText(BUTTON)).toBeNull();
    expect(taro.request).not.toHaveBeenCalled();
  });
});
