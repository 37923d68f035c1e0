document.getElementById('print')?.addEventListener('click', event => { event.preventDefault(); window.print(); });
