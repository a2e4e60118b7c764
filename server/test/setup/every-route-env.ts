/**
 * The settings under which every route of the API exists, for the suites that walk them all: the
 * simulated clock's drills, and both WeChat subscribe templates (a route without its template
 * answers 400 to everyone). Spread after the WeChat stand-in's env.
 */
export const EVERY_ROUTE_ENV = {
  SIMULATED_CLOCK: 'true',
  WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
  WECHAT_TEMPLATE_NEW_ORDER: 'NewOrderTemplate_0123456789abcdefghijklmnopq',
} as const;
