export default definePageConfig({ navigationBarTitleText: '守护' });
