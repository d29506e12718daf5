// Start-up marks (newsdesk:*) are read by bench/app.mjs to split the start-up time.
performance.mark('newsdesk:script');
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');
export default mount(App, { target });
