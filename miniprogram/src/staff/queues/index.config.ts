export default definePageConfig({
  navigationBarTitleText: '协调队列',
  enablePullDownRefresh: true,
});
