import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** weapp and H5 each build into their own folder: both would otherwise wipe `dist/`. */
export default defineConfig<'webpack5'>(async () => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'shouhu',
    date: '2026-11-22',
    // NutUI's styles are drawn for a 375px design, ours for 750px.
    designWidth: (input) =>
      typeof input === 'object' && input?.file?.replace(/\\+/g, '/').includes('@nutui/')
        ? 375
        : 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    // Always defined, so the app's fallbacks apply when neither the shell nor miniprogram/.env sets
    // them (an undefined one would leave `process.env` in the H5 bundle, where it does not exist).
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      TARO_APP_DEFAULT_DIVISION: JSON.stringify(process.env.TARO_APP_DEFAULT_DIVISION ?? ''),
    },
    // Every browser asks a site for /favicon.ico; the server sends what the H5 build holds.
    copy: {
      patterns: platform === 'h5' ? [{ from: 'src/favicon.ico', to: 'dist/h5/favicon.ico' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // A file's name changes with its content, so the server lets phones keep it for a year
      // (server/src/h5/h5-static.ts) and a release still reaches them through index.html.
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'chunk/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
