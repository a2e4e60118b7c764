import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { ensureSession } from './services/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void ensureSession();
  });
  return children;
}

export default App;
