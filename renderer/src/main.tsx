import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App';
import { resolveLabApi } from './lab-api';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={resolveLabApi()} />
  </StrictMode>,
);
