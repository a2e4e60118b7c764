/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro from the build target. */
    TARO_ENV: 'weapp' | 'h5';
    /** API base URL; H5 defaults to the same origin, weapp to a local server. */
    TARO_APP_API_BASE?: string;
    /** Division code the form starts with until the picker arrives. */
    TARO_APP_DEFAULT_DIVISION?: string;
  }
}
