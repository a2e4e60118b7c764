export default definePageConfig({
  navigationBarTitleText: '走访',
  enablePullDownRefresh: true,
});
