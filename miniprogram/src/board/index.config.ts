export default definePageConfig({
  navigationBarTitleText: '县级看板',
  enablePullDownRefresh: true,
});
