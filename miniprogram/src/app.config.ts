export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/report/index',
    'pages/receipt/index',
    'pages/mine/index',
    'pages/track/index',
    'pages/progress/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '守护',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
});
