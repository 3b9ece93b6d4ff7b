import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preload';

exposeBridge(contextBridge, ipcRenderer);
