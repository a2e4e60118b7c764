export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/report/index',
    'pages/receipt/index',
    'pages/mine/index',
    'pages/track/index',
    'pages/progress/index',
    'pages/bind/index',
    'pages/privacy/index',
    // The inbox (站内消息) of staff and reporters alike.
    'pages/messages/index',
  ],
  // Staff pages load only for staff, keeping the reporter's main package small.
  subPackages: [
    { root: 'staff', pages: ['inbox/index', 'order/index', 'queues/index', 'callbacks/index'] },
    // 儿童档案 of village, township and county workers (一人一档), their 走访 list and visit form.
    {
      root: 'children',
      pages: ['index/index', 'file/index', 'edit/index', 'visits/index', 'visit/index'],
    },
    // The charts library alone is about 450 KB: only those who read the figures download it,
    // with the drill-down to the orders behind a unit's clock.
    { root: 'board', pages: ['index', 'orders/index'] },
    // The coordinator's register of mandated institutions (强制报告单位名录) and its form.
    { root: 'register', pages: ['index/index', 'edit/index'] },
  ],
  // WeChat asks for consent to the privacy guide before location, camera, album or clipboard.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于标记孩子所在的位置，方便就近处置' },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '守护',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
});
