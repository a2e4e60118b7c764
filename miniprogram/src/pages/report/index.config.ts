export default definePageConfig({ navigationBarTitleText: '填写报告' });
