export default definePageConfig({
  navigationBarTitleText: '儿童建档',
});
