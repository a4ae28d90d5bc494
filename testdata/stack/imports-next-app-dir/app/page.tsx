import { Hello } from "@/components/hello";

export default function Page() {
  return <Hello name="world" />;
}
