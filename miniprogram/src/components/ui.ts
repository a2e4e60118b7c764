/**
 * The NutUI components the app uses, each with its own stylesheet: importing the package root would
 * pull in every component and the whole 300 KB stylesheet.
 */
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';

export { default as Steps } from '@nutui/nutui-react-taro/dist/es/packages/steps/index';
export { default as Step } from '@nutui/nutui-react-taro/dist/es/packages/step/index';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index';
