// Refuse an oversized 征集表 before sending it (the server refuses it too, without reading it, but a
// browser whose upload is cut short shows a connection error instead of the page's message).
(function () {
  var form = document.getElementById('upload-form');
  if (!form) return;
  var input = form.querySelector('input[type=file]');
  var limit = parseInt(input.getAttribute('data-max-bytes'), 10);
  form.addEventListener('submit', function (event) {
    var file = input.files && input.files[0];
    var tooLarge = !!(file && file.size > limit);
    input.classList.toggle('is-invalid', tooLarge);
    if (tooLarge) { event.preventDefault(); }
  });
})();
