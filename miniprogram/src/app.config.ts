export default defineAppConfig({
  pages: ['pages/index/index', 'pages/report/index', 'pages/receipt/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '守护',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
});
