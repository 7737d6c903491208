import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createKioskI18n, type Lang } from './i18n'
import { createKioskRouter } from './router'
import './styles/base.css'

const pinia = createPinia()
const saved = (localStorage.getItem('kiosk-lang') as Lang | null) ?? 'en'
createApp(App).use(pinia).use(createKioskRouter()).use(createKioskI18n(saved)).mount('#app')
