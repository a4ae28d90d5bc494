const tf = require("@tensorflow/tfjs-node");

let model;
async function predict(sku) {
  model = model || (await tf.loadLayersModel("file://model/model.json"));
  return model.predict(tf.tensor([[sku.length]])).dataSync();
}
module.exports = { predict };
