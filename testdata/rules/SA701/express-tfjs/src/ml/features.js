const tf = require("@tensorflow/tfjs-node");

function normalise(rows) {
  return tf.tensor(rows).div(255);
}
module.exports = { normalise };
