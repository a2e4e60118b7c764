import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { listenForWeChatPrivacyRequests } from './services/privacy';
import { ensureSession } from './services/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForWeChatPrivacyRequests();
    void ensureSession();
  });
  return children;
}

export default App;
