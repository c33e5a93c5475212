#!/usr/bin/env node
console.log('ferry: CLI arrives with the engine')
