import { upgradePlan } from '../../actions/billing';

export default function Dashboard() {
  return <form action={upgradePlan}><button>Upgrade</button></form>;
}
