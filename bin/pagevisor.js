#!/usr/bin/env node
import '../dist/pagevisor.mjs';
