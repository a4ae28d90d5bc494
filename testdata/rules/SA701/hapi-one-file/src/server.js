const Hapi = require("@hapi/hapi");
const tf = require("@tensorflow/tfjs-node");

const init = async () => {
  const model = await tf.loadGraphModel("file://model/model.json");
  const server = Hapi.server({ port: 3000 });
  server.route({
    method: "POST",
    path: "/predict",
    handler: (request) => model.predict(tf.node.decodeJpeg(request.payload.image)).dataSync(),
  });
  await server.start();
};
init();
