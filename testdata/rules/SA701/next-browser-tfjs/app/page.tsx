"use client";
import * as tf from "@tensorflow/tfjs";

export default function Page() {
  const run = async () => {
    const model = await tf.loadGraphModel("/model/model.json");
    model.predict(tf.zeros([1, 224, 224, 3]));
  };
  return <button onClick={run}>Classify</button>;
}
