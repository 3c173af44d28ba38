// Phone UI: plain DOM + fetch against the control API, polled once a second. No build step on purpose.
(() => {
  'use strict';
  const api = '/sim/v1';
  const $ = (id) => document.getElementById(id);
  let selected = new URLSearchParams(location.search).get('phone');
  let lastPhones = '';
  let lastChat = '';

  async function call(method, path, body) {
    const res = await fetch(api + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const reason = data && (data.errors && data.errors[0] ? data.errors[0].reason : data.detail);
      throw new Error(reason || res.statusText);
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => c !== null && c !== undefined && node.append(c));
    return node;
  }

  function time(at) {
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function ticks(status) {
    const map = { accepted: ['🕓', 'pending'], sent: ['✓', 'sent'], delivered: ['✓✓', 'delivered'],
      read: ['✓✓', 'read'], failed: ['⚠', 'failed'] };
    const [glyph, label] = map[status] || ['', status];
    return el('span', { class: 'ticks ' + status, title: label, 'aria-label': label }, glyph);
  }

  async function refreshPhones() {
    const phones = await call('GET', '/phones');
    const key = JSON.stringify(phones);
    if (key === lastPhones) return phones;
    lastPhones = key;
    const list = $('phone-list');
    list.replaceChildren(...phones.map((p) => el('li', {},
      el('button', { type: 'button', class: 'phone-item', 'data-number': p.number,
        'aria-current': p.number === selected ? 'true' : 'false', onclick: () => select(p.number) },
        el('span', { class: 'name' }, p.name),
        el('span', { class: 'meta' }, '+' + p.number + (p.onWhatsApp ? '' : ' · not on WhatsApp')
          + (p.marketingStopped ? ' · promotions stopped' : '') + ' · ' + p.messageCount + ' messages')))));
    return phones;
  }

  function bubble(m) {
    const out = m.direction === 'out';
    const parts = [];
    if (m.template) parts.push(el('div', { class: 'label' }, 'Template ' + m.template.name + ' (' + m.template.language + ')'));
    if (m.type === 'button' || m.type === 'interactive' && !out) parts.push(el('div', { class: 'label' }, 'Button reply'));
    parts.push(el('div', { class: 'text' }, m.text || ''));
    if (out && m.buttons.length) {
      parts.push(el('div', { class: 'quick-replies', role: 'group', 'aria-label': 'Quick replies' },
        m.buttons.map((b) => el('button', { type: 'button', class: 'quick-reply', 'data-payload': b.payload,
          onclick: () => tap(b.payload) }, b.title))));
    }
    const foot = el('div', { class: 'foot' }, time(m.at));
    if (out) foot.append(ticks(m.status));
    if (m.errorCode) foot.append(' error ' + m.errorCode);
    parts.push(foot);
    return el('article', { class: 'bubble ' + m.direction + (m.status === 'failed' ? ' failed' : ''),
      'data-wamid': m.wamid, 'aria-label': (out ? 'Business' : 'You') + ' at ' + time(m.at) }, parts);
  }

  async function refreshChat(phones) {
    const phone = phones.find((p) => p.number === selected);
    const hasPhone = Boolean(phone);
    $('reply-form').hidden = !hasPhone || !phone.onWhatsApp;
    $('marketing-toggle-label').hidden = !hasPhone;
    if (!hasPhone) {
      $('chat-title').textContent = 'No phone selected';
      $('chat').replaceChildren(el('p', { class: 'empty' }, 'Pick a phone to see its chat.'));
      lastChat = '';
      return;
    }
    $('chat-title').textContent = phone.name + ' · +' + phone.number;
    $('chat-subtitle').textContent = phone.onWhatsApp ? 'on WhatsApp' : 'not on WhatsApp (sends fail with 131026)';
    $('marketing-stop').checked = phone.marketingStopped;
    const chat = await call('GET', '/phones/' + selected + '/messages');
    const key = JSON.stringify(chat);
    if (key === lastChat) return;
    lastChat = key;
    const box = $('chat');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren(...(chat.length ? chat.map(bubble) : [el('p', { class: 'empty' }, 'No messages yet.')]));
    if (atBottom) box.scrollTop = box.scrollHeight;
    // The user is looking at the chat: delivered messages become read (matters when auto-read is off).
    if (chat.some((m) => m.direction === 'out' && m.status === 'delivered')) {
      call('POST', '/phones/' + selected + '/read').catch(() => {});
    }
  }

  async function refresh() {
    try {
      const phones = await refreshPhones();
      await refreshChat(phones);
    } catch (e) {
      console.warn('refresh failed', e);
    }
  }

  function select(number) {
    selected = number;
    lastPhones = '';
    lastChat = '';
    history.replaceState(null, '', '?phone=' + number);
    refresh();
  }

  async function tap(payload) {
    await call('POST', '/phones/' + selected + '/messages', { buttonPayload: payload });
    refresh();
  }

  $('create-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('create-error').textContent = '';
    const number = $('new-number').value.trim().replace(/^\+/, '');
    try {
      await call('POST', '/phones', { number, onWhatsApp: $('new-on-whatsapp').checked });
      $('new-number').value = '';
      select(number);
    } catch (err) {
      $('create-error').textContent = err.message;
    }
  });

  $('reply-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('reply-text').value;
    if (!text.trim()) return;
    await call('POST', '/phones/' + selected + '/messages', { text });
    $('reply-text').value = '';
    refresh();
  });

  $('marketing-stop').addEventListener('change', async (e) => {
    await call('POST', '/phones/' + selected + '/marketing-preference', { value: e.target.checked ? 'stop' : 'resume' });
    refresh();
  });

  refresh();
  setInterval(refresh, 1000);
})();
