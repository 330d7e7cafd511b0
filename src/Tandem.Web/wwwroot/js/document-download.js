// Generated documents (briefing books, effectiveness reports): PDF and XLSX are fetched so that the button can say
// the document is being prepared until the file arrives; HTML opens in a new tab as the form says.
(function () {
  'use strict';
  function fileName(response, fallback) {
    var header = response.headers.get('Content-Disposition') || '';
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  function attach(form) {
    if (form.dataset.ready) { return; }
    form.dataset.ready = 'true';
    form.addEventListener('submit', function (event) {
      var data = new FormData(form);
      var format = String(data.get('format') || '');
      if (format === 'html') { return; }
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      var status = form.querySelector('.download-status');
      var label = button.textContent;
      var query = new URLSearchParams();
      data.forEach(function (value, key) { if (value !== '') { query.append(key, String(value)); } });
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.textContent = form.dataset.preparing;
      status.textContent = form.dataset.preparing;
      fetch(form.getAttribute('action') + '?' + query.toString(), { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          var name = fileName(response, 'document.' + format);
          return response.blob().then(function (blob) {
            var url = URL.createObjectURL(blob);
            var link = document.createElement('a');
            link.href = url;
            link.download = name;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
            status.textContent = '';
          });
        })
        .catch(function () { status.textContent = form.dataset.failed; })
        .finally(function () {
          button.disabled = false;
          button.removeAttribute('aria-busy');
          button.textContent = label;
        });
    });
  }

  function start() { document.querySelectorAll('form[data-document-download]').forEach(attach); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
