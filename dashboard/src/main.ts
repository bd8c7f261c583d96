import { mount } from 'svelte'
import App from './App.svelte'
import './app.css'
import { applyPalette } from './charts/theme.ts'

applyPalette(document.documentElement)
mount(App, { target: document.getElementById('app') as HTMLElement })
