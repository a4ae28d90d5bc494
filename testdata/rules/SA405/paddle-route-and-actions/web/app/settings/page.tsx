import { renameTeam } from "./actions";

export default function Settings() {
  return <form action={renameTeam}><input name="name" /></form>;
}
