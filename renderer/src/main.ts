import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createKioskI18n } from './i18n'
import { createKioskRouter } from './router'
import { useAppStore } from './stores/app'
import './styles/base.css'

const pinia = createPinia()
const app = createApp(App).use(pinia)
// The router's guards read the session store, so Pinia is installed first.
app.use(createKioskRouter()).use(createKioskI18n(useAppStore(pinia).lang))
app.mount('#app')
