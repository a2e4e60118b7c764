export default definePageConfig({
  navigationBarTitleText: '强制报告单位名录',
  enablePullDownRefresh: true,
});
