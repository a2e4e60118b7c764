export default definePageConfig({
  navigationBarTitleText: '热线回访',
  enablePullDownRefresh: true,
});
