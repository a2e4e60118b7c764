import { noteServerTime, serverNow } from './server-clock';

describe('serverNow', () => {
  it('follows the server clock from the last answer, whatever case the header has', () => {
    const ahead = new Date(Date.now() + 31 * 60_000).toISOString();
    noteServerTime({ 'X-Server-Time': ahead });
    expect(Math.abs(serverNow().getTime() - Date.parse(ahead))).toBeLessThan(1000);

    noteServerTime({ 'x-server-time': 'not a time' });
    expect(Math.abs(serverNow().getTime() - Date.parse(ahead))).toBeLessThan(1000);

    const now = new Date().toISOString();
    noteServerTime({ 'x-server-time': now });
    expect(Math.abs(serverNow().getTime() - Date.now())).toBeLessThan(1000);
  });
});
