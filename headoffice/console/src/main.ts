import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createConsoleRouter } from './router'
import './styles.css'

const app = createApp(App).use(createPinia())
// The router's guard reads the session store, so Pinia is installed first.
app.use(createConsoleRouter())
app.mount('#app')
