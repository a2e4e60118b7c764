export default definePageConfig({
  navigationBarTitleText: '时限背后的工单',
  enablePullDownRefresh: true,
});
