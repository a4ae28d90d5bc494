window.$ = function (s) {
  return document.querySelector(s);
};
