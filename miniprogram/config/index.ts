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
    copy: { patterns: [], options: {} },
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
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
