import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { startOutbox } from './services/outbox';
import { listenForWeChatPrivacyRequests } from './services/privacy';
import { ensureSession } from './services/session';
import { startStaffOutbox } from './services/staff-outbox';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForWeChatPrivacyRequests();
    void ensureSession();
    startOutbox();
    startStaffOutbox();
  });
  // Back in the foreground (the network may be back too): send what waits, whatever page is open.
  useDidShow(() => {
    startOutbox();
    startStaffOutbox();
  });
  return children;
}

export default App;
