// Adds a card: the image goes from the browser straight to S3 with a presigned PUT
// (the application only signs it), then the card is saved with the uploaded object's key,
// which works once: the application moves the image out of the upload prefix. A retry uploads again.
(() => {
  const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
  const form = document.getElementById('new-card');
  const nameInput = document.getElementById('card-name');
  const fileInput = document.getElementById('card-image');
  const preview = document.getElementById('preview');
  const progress = document.getElementById('progress');
  const errorBox = document.getElementById('form-error');
  const button = document.getElementById('add-card');
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;
  const csrfToken = document.querySelector('meta[name="_csrf"]').content;

  // The page gives the messages in its language (data-msg-*); {0} stands for a status code.
  const say = (name, value) => form.dataset[name].replace('{0}', value);
  const showError = message => { errorBox.textContent = message; errorBox.hidden = false; };

  const api = async (url, body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [csrfHeader]: csrfToken },
      body: JSON.stringify(body)
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = json.errors ? Object.values(json.errors).join(' ') : '';
      throw new Error(fields || json.detail || say('msgRequestFailed', response.status));
    }
    return json;
  };

  const upload = (signed, file) => new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', signed.url);
    Object.entries(signed.headers).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.upload.onprogress = event => {
      if (event.lengthComputable) {
        progress.value = Math.round(100 * event.loaded / event.total);
      }
    };
    request.onload = () => (request.status >= 200 && request.status < 300)
      ? resolve() : reject(new Error(say('msgRefused', request.status)));
    request.onerror = () => reject(new Error(say('msgFailed')));
    request.send(file);
  });

  fileInput.addEventListener('change', () => {
    errorBox.hidden = true;
    const file = fileInput.files[0];
    if (!file) {
      preview.hidden = true;
      return;
    }
    if (!TYPES.includes(file.type)) {
      showError(say('msgType'));
    } else if (file.size > Number(fileInput.dataset.maxBytes)) {
      // The limit the store is configured with, as the page gives it.
      showError(say('msgTooLarge'));
    }
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    try {
      let imageKey = null;
      const file = fileInput.files[0];
      if (file) {
        const signed = await api('/api/uploads', { contentType: file.type, size: file.size });
        progress.hidden = false;
        await upload(signed, file);
        imageKey = signed.key;
      }
      await api('/api/cards', { name: nameInput.value, imageKey });
      window.location.assign('/cards');
    } catch (error) {
      showError(error.message);
    } finally {
      button.disabled = false;
    }
  });
})();
