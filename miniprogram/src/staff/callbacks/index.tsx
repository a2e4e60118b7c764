import { CallbackList } from '../callback-list';

export default function CallbacksPage() {
  return <CallbackList />;
}
